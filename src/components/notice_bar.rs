//! A one-line message: what just happened, or what went wrong and what to do.

use yew::prelude::*;

/// How a message should be announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// When a notice goes by itself: a hint describes a state and goes when that state ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ends {
    /// When the user dismisses it or another notice takes its place.
    Dismissed,
    /// When link mode ends (a link made, Esc).
    LinkMode,
    /// At the next change to the work (a hint on how to tag goes once a span is tagged).
    NextEdit,
}

/// A message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    pub ends: Ends,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Info,
            text: text.into(),
            ends: Ends::Dismissed,
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Error,
            text: text.into(),
            ends: Ends::Dismissed,
        }
    }

    /// A hint about the current state, gone when `ends` happens.
    pub fn hint(text: impl Into<String>, ends: Ends) -> Self {
        Self {
            ends,
            ..Self::info(text)
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
}

/// Shows the current notice. The slot is always there and is the live region, so a
/// notice after a quiet spell is announced (a region that appears already filled may not
/// be); an error inside it is an alert, announced at once.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let notice = props.notice.as_ref().map(|notice| {
        let (class, role) = match notice.kind {
            NoticeKind::Info => ("aa-notice", None),
            NoticeKind::Error => ("aa-notice is-error", Some("alert")),
        };
        let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
        html! {
            <div class={class} {role}>
                <span class="aa-notice-text">{&notice.text}</span>
                <button type="button" class="aa-button aa-small" aria-label="Dismiss message"
                    onclick={on_dismiss}>{"Dismiss"}</button>
            </div>
        }
    });
    html! { <div class="aa-notice-slot" role="status">{notice}</div> }
}
