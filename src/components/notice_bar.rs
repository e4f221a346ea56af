//! A one-line message: what just happened, or what went wrong and what to do.

use yew::prelude::*;

/// How a message should be announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Info,
            text: text.into(),
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Error,
            text: text.into(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
}

/// Shows the current notice; errors are announced assertively.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let Some(notice) = &props.notice else {
        return html! { <div class="aa-notice-slot" role="status"></div> };
    };
    let (class, role) = match notice.kind {
        NoticeKind::Info => ("aa-notice", "status"),
        NoticeKind::Error => ("aa-notice is-error", "alert"),
    };
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="aa-notice-slot">
            <div class={class} role={role}>
                <span class="aa-notice-text">{&notice.text}</span>
                <button type="button" class="aa-button aa-small" aria-label="Dismiss message"
                    onclick={on_dismiss}>{"Dismiss"}</button>
            </div>
        </div>
    }
}
