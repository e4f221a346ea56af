//! The document actions: open, import, export, copy, undo / redo, search, schema and help.

use crate::keymap::{Command, COPY_KEY, EXPORT_KEY, OPEN_KEY, SCHEMA_KEY};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_command: Callback<Command>,
}

/// The header's buttons, each with its key shown. A button is named by its text; the key
/// beside it is `aria-keyshortcuts`, not part of the name.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let button = |name: &'static str,
                  key: &'static str,
                  shortcut: &'static str,
                  command: Command,
                  enabled: bool| {
        let on_command = props.on_command.clone();
        html! {
            <button type="button" class="aa-button" aria-keyshortcuts={shortcut} disabled={!enabled}
                onclick={move |_| on_command.emit(command.clone())}>
                {name}<kbd aria-hidden="true">{key}</kbd>
            </button>
        }
    };
    html! {
        <div class="aa-toolbar" role="toolbar" aria-label="Document">
            {button("Undo", "Ctrl+Z", "Control+Z", Command::Undo, props.can_undo)}
            {button("Redo", "Ctrl+Y", "Control+Shift+Z Control+Y", Command::Redo, props.can_redo)}
            {button("Search", "Ctrl+F", "Control+F /", Command::Search, true)}
            {button("Schema", SCHEMA_KEY, "s", Command::EditSchema, true)}
            {button("Open article", OPEN_KEY, "o", Command::OpenArticle, true)}
            {button("Import…", "Shift+O", "Shift+O", Command::Import, true)}
            {button("Export JSON", EXPORT_KEY, "e", Command::ExportJson, true)}
            {button("Export as…", "Shift+E", "Shift+E", Command::ExportAs, true)}
            {button("Copy JSON", COPY_KEY, "c", Command::CopyJson, true)}
            {button("Shortcuts", "?", "?", Command::Help, true)}
        </div>
    }
}
