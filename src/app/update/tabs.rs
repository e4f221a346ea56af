//! Word with other tabs of the app on the same project.

use super::*;

pub(super) fn hear(state: &mut AppState, message: TabMessage, fx: &mut Vec<Effect>) {
    let Some(library) = &state.library else {
        return;
    };
    let project = library.project.id.clone();
    match message {
        TabMessage::Hello { project: theirs } if theirs == project => {
            fx.push(Effect::Broadcast(TabMessage::Here { project: theirs }));
            warn_other_tab(state);
        }
        TabMessage::Here { project: theirs } if theirs == project => warn_other_tab(state),
        TabMessage::Saved { key, version } => {
            let open = state.open_key() == Some(key.as_str());
            if open || state.queue.held(&key).is_some() {
                state.queue.heard(&key, version);
            }
        }
        _ => {}
    }
}

pub(super) fn warn_other_tab(state: &mut AppState) {
    error(
        state,
        "This project is open in another tab too. Work in one tab: if both change the same \
         article, the later save is stopped and you choose which to keep.",
    );
}
