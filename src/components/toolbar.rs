//! The document actions: undo / redo and search as buttons; the article's files (open,
//! import, export, copy) and the settings (schema, keys) in two menus; the shortcuts.

use super::fields::key_hint;
use super::menu::{Item, Menu};
use crate::keymap::{Command, Keymap, Shortcut};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub can_undo: bool,
    pub can_redo: bool,
    pub keymap: Rc<Keymap>,
    pub on_command: Callback<Command>,
}

/// The header's commands, each with its key shown. A button is named by its text; the key
/// beside it is `aria-keyshortcuts`, not part of the name.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let keys = &props.keymap;
    let button =
        |name: &'static str, hint: String, aria: String, command: Command, enabled: bool| {
            let on_command = props.on_command.clone();
            html! {
                <button type="button" class="aa-button" aria-keyshortcuts={aria} disabled={!enabled}
                    onclick={move |_| on_command.emit(command.clone())}>
                    {name}{key_hint(Some(hint))}
                </button>
            }
        };
    let item = |name, shortcut, command| Item {
        name,
        hint: keys.hint(shortcut),
        aria: keys.aria(shortcut),
        command,
    };
    let article = vec![
        item("Open article…", Shortcut::Open, Command::OpenArticle),
        item("Import annotations…", Shortcut::Import, Command::Import),
        item("Export JSON", Shortcut::Export, Command::ExportJson),
        item("Export as…", Shortcut::ExportAs, Command::ExportAs),
        item("Copy JSON", Shortcut::Copy, Command::CopyJson),
        item(
            "Compare annotators…",
            Shortcut::Compare,
            Command::CompareAnnotators,
        ),
        item("Team…", Shortcut::Team, Command::Team),
    ];
    let settings = vec![
        item("Label schema…", Shortcut::Schema, Command::EditSchema),
        Item {
            name: "Keyboard…",
            hint: Some("Ctrl+,".to_owned()),
            aria: Some("Control+,".to_owned()),
            command: Command::KeySettings,
        },
        item("Your name…", Shortcut::Name, Command::YourName),
    ];
    // Ctrl+F always searches; `/` too unless it was moved.
    let search = keys
        .aria(Shortcut::Search)
        .map_or(String::new(), |key| format!(" {key}"));
    let help = keys.hint(Shortcut::Help);
    html! {
        <div class="aa-toolbar" role="toolbar" aria-label="Document">
            {button("Undo", "Ctrl+Z".to_owned(), "Control+Z".to_owned(), Command::Undo, props.can_undo)}
            {button("Redo", "Ctrl+Y".to_owned(), "Control+Shift+Z Control+Y".to_owned(), Command::Redo, props.can_redo)}
            {button("Search", "Ctrl+F".to_owned(), format!("Control+F{search}"), Command::Search, true)}
            <Menu label="Article" items={article} on_command={props.on_command.clone()} />
            <Menu label="Settings" items={settings} on_command={props.on_command.clone()} />
            <button type="button" class="aa-button" aria-keyshortcuts={keys.aria(Shortcut::Help)}
                onclick={props.on_command.reform(|_: MouseEvent| Command::Help)}>
                {"Shortcuts"}{key_hint(help)}
            </button>
        </div>
    }
}
