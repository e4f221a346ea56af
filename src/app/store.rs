//! The session as Yew state, and where it comes from when the app starts.

use crate::components::notice_bar::Notice;
use crate::model::formats::native;
use crate::state::{Action, Change, Session};
use crate::web::storage;
use std::rc::Rc;
use yew::Reducible;

impl Reducible for Session {
    type Action = Action;

    /// Applies the action to a copy; an action that changes nothing keeps the same state,
    /// so nothing re-renders.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match next.apply(action) {
            Change::None => self,
            Change::Selection | Change::Work => Rc::new(next),
        }
    }
}

/// The work saved in this browser, or the sample article; and a message when saved work
/// could not be read (it is kept aside, not deleted).
pub fn startup_session() -> (Session, Option<Notice>) {
    let mut session = Session::sample();
    let Some(json) = storage::load() else {
        return (session, None);
    };
    match native::parse(&json) {
        Ok(imported) => {
            session.apply(Action::Restore(imported));
            (session, None)
        }
        Err(problem) => {
            let kept = match storage::set_aside(&json) {
                Ok(key) => format!("It was copied aside in this browser's storage as “{key}”"),
                Err(_) => "It stays in this browser's storage until your next edit".to_owned(),
            };
            let notice = Notice::error(format!(
                "Your saved work could not be read ({problem}). {kept}; the sample article is \
                 open instead."
            ));
            (session, Some(notice))
        }
    }
}

/// Saves the session's work in this browser.
pub fn save_session(session: &Session) -> Result<(), String> {
    storage::save(&session.export_json())
}
