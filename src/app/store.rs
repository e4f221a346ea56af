//! The session as Yew state.

use crate::state::{Action, Change, Session};
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
