//! The document actions: open an article, export or copy the JSON.

use crate::keymap::{Command, COPY_KEY, EXPORT_KEY, OPEN_KEY};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_command: Callback<Command>,
}

/// The header's buttons, each with its key shown.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let button = |name: &'static str, key: &'static str, command: Command| {
        let on_command = props.on_command.clone();
        html! {
            <button type="button" class="aa-button" aria-label={name}
                aria-keyshortcuts={key.to_lowercase()}
                onclick={move |_| on_command.emit(command.clone())}>
                {name}<kbd>{key}</kbd>
            </button>
        }
    };
    html! {
        <div class="aa-toolbar" role="toolbar" aria-label="Document">
            {button("Open article", OPEN_KEY, Command::OpenArticle)}
            {button("Export JSON", EXPORT_KEY, Command::ExportJson)}
            {button("Copy JSON", COPY_KEY, Command::CopyJson)}
        </div>
    }
}
