//! Whether the work is stored: "Saved", "Saving…", or what went wrong and what to do.

use crate::app::library::SaveStatus;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SaveStatusProps {
    pub status: SaveStatus,
    pub on_backup: Callback<()>,
    pub on_reload: Callback<()>,
    pub on_overwrite: Callback<()>,
}

#[component]
pub fn SaveStatusView(props: &SaveStatusProps) -> Html {
    let button = |label: &'static str, callback: &Callback<()>| {
        html! {
            <button type="button" class="aa-button aa-small"
                onclick={callback.reform(|_: MouseEvent| ())}>{label}</button>
        }
    };
    let (class, text, actions) = match &props.status {
        SaveStatus::Loading => ("is-busy", "Loading…".to_owned(), html! {}),
        SaveStatus::Saving => ("is-busy", "Saving…".to_owned(), html! {}),
        SaveStatus::Saved => ("is-saved", "Saved".to_owned(), html! {}),
        SaveStatus::Failed(problem) => (
            "is-error",
            format!("Not saved: {problem}."),
            button("Download a backup", &props.on_backup),
        ),
        SaveStatus::Conflict => (
            "is-error",
            "Not saved: another tab changed this article.".to_owned(),
            html! {<>
                {button("Reload to see it", &props.on_reload)}
                {button("Keep mine", &props.on_overwrite)}
                {button("Download a backup", &props.on_backup)}
            </>},
        ),
    };
    // Only trouble is announced: "Saving…" / "Saved" on every edit would drown a screen
    // reader.
    let role = (class == "is-error").then_some("alert");
    html! {
        <div class={classes!("aa-save-status", class)} role={role} data-status={class}>
            <span class="aa-save-text">{text}</span>
            {actions}
        </div>
    }
}
