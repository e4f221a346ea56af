//! Word with other tabs of the app on the same project.

use super::SaveStatus;
use crate::app::commands::Ui;
use crate::components::notice_bar::Notice;
use crate::web::tabs::Message;
use crate::web::tabs::Tabs;
use std::rc::Rc;

impl Ui {
    pub(super) fn open_tabs(&self) {
        let store = Rc::downgrade(&self.store);
        // The channel outlives this render: it reaches the app through the latest `Ui`.
        let tabs = Tabs::open(move |message| {
            let latest = store
                .upgrade()
                .and_then(|store| store.borrow().latest.upgrade());
            if let Some(latest) = latest {
                let ui = latest.borrow().clone();
                ui.hear(message);
            }
        });
        self.store.borrow_mut().tabs = tabs;
    }

    /// Tells other tabs which project this one has open.
    pub(super) fn announce_project(&self, project: &str) {
        let store = self.store.borrow();
        if let Some(tabs) = &store.tabs {
            tabs.send(&Message::Hello {
                project: project.to_owned(),
            });
        }
    }

    pub(super) fn hear(&self, message: Message) {
        let Some(library) = self.library.as_ref() else {
            return;
        };
        let project = library.project.id.as_str();
        match message {
            Message::Hello { project: theirs } if theirs == project => {
                let store = self.store.borrow();
                if let Some(tabs) = &store.tabs {
                    tabs.send(&Message::Here { project: theirs });
                }
                drop(store);
                self.warn_other_tab();
            }
            Message::Here { project: theirs } if theirs == project => self.warn_other_tab(),
            Message::Saved { key, version } => {
                let ours = self.store.borrow().versions.get(&key).copied();
                if library.entry().is_some_and(|entry| entry.key == key)
                    && ours.is_some_and(|ours| version > ours)
                {
                    let mut store = self.store.borrow_mut();
                    store.in_conflict = true;
                    store.theirs.insert(key, version);
                    self.status.set(SaveStatus::Conflict);
                }
            }
            _ => {}
        }
    }

    pub(super) fn warn_other_tab(&self) {
        self.notice.set(Some(Notice::error(
            "This project is open in another tab too. Work in one tab: if both change the same \
             article, the later save is stopped and you choose which to keep.",
        )));
    }
}
