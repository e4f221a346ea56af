//! Whether the work is stored: "Saved", "Saving…", or what went wrong and what to do.

use yew::prelude::*;

/// What the header says about saving.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Loading,
    Saving,
    Saved,
    /// Some work is not stored: why (it is retried, and kept in the tab meanwhile).
    Failed(String),
    /// Another tab saved an article this tab has changed: which one ("this article" when
    /// it is the open one).
    Conflict(String),
    /// No storage at all: why.
    NoStorage(String),
}

#[derive(Properties, PartialEq)]
pub struct SaveStatusProps {
    pub shown: Shown,
    /// Whether the browser keeps the storage when space runs short (`None`: not asked yet).
    pub persisted: Option<bool>,
    pub on_retry: Callback<()>,
    pub on_backup: Callback<()>,
    /// Takes the other tab's version (reads it again).
    pub on_take_theirs: Callback<()>,
    pub on_keep_mine: Callback<()>,
}

#[component]
pub fn SaveStatusView(props: &SaveStatusProps) -> Html {
    let button = |label: &'static str, callback: &Callback<()>| {
        html! {
            <button type="button" class="aa-button aa-small"
                onclick={callback.reform(|_: MouseEvent| ())}>{label}</button>
        }
    };
    let (class, text, actions) = match &props.shown {
        Shown::Loading => ("is-busy", "Loading…".to_owned(), html! {}),
        Shown::Saving => ("is-busy", "Saving…".to_owned(), html! {}),
        Shown::Saved => ("is-saved", "Saved".to_owned(), html! {}),
        Shown::Failed(problem) => (
            "is-error",
            format!("Not saved: {problem}. Your work is kept in this tab and saved as soon as the browser lets it."),
            html! {<>
                {button("Try again", &props.on_retry)}
                {button("Download a backup", &props.on_backup)}
            </>},
        ),
        Shown::NoStorage(problem) => (
            "is-error",
            format!("Not saved: {problem}."),
            button("Download a backup", &props.on_backup),
        ),
        Shown::Conflict(what) => (
            "is-error",
            format!("Not saved: another tab changed {what}."),
            html! {<>
                {button("Reload to see it", &props.on_take_theirs)}
                {button("Keep mine", &props.on_keep_mine)}
                {button("Download a backup", &props.on_backup)}
            </>},
        ),
    };
    // Only trouble is announced: "Saving…" / "Saved" on every edit would drown a screen
    // reader.
    let role = (class == "is-error").then_some("alert");
    let persisted = match props.persisted {
        Some(true) => "granted",
        Some(false) => "refused",
        None => "unknown",
    };
    html! {
        <div class={classes!("aa-save-status", class)} role={role} data-status={class}
            data-persisted={persisted}>
            <span class="aa-save-text">{text}</span>
            {actions}
        </div>
    }
}
