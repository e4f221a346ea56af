//! Word between tabs of the app (a `BroadcastChannel`), so two tabs on one project know of
//! each other and never silently overwrite each other's work.

use gloo::events::EventListener;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "article-annotator";

/// What one tab tells the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// A tab opened this project.
    Hello { project: String },
    /// The answer of a tab that has the project open too.
    Here { project: String },
    /// A tab saved an article (its storage key), now at `version`.
    Saved { key: String, version: u64 },
}

/// This tab's end of the channel; messages from other tabs go to the callback (a channel
/// never hears its own).
pub struct Tabs {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl Tabs {
    /// `None` where the browser has no BroadcastChannel (then only the version check on
    /// save guards against other tabs).
    pub fn open(on_message: impl Fn(Message) + 'static) -> Option<Tabs> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let data = event
                .dyn_ref::<MessageEvent>()
                .and_then(|event| event.data().as_string());
            if let Some(message) = data.and_then(|data| serde_json::from_str(&data).ok()) {
                on_message(message);
            }
        });
        Some(Tabs {
            channel,
            _listener: listener,
        })
    }

    pub fn send(&self, message: &Message) {
        if let Ok(json) = serde_json::to_string(message) {
            let _ = self.channel.post_message(&json.into());
        }
    }
}
