//! One component per file, named by what the user sees.

pub mod article_view;
pub mod confirm_dialog;
pub mod label_bar;
pub mod notice_bar;
pub mod open_dialog;
pub mod span_list;
pub mod toolbar;

use crate::model::document::Document;
use std::rc::Rc;

/// A shared document compared by identity, so props compare in O(1) instead of
/// comparing the whole article text.
#[derive(Clone, Debug)]
pub struct SharedDocument(pub Rc<Document>);

impl PartialEq for SharedDocument {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
