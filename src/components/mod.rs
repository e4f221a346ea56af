//! One component per file, named by what the user sees.

pub mod article_view;
pub mod compare_dialog;
pub mod confirm_dialog;
pub mod curation_panel;
pub mod export_dialog;
pub mod fields;
pub mod help_dialog;
pub mod import_dialog;
pub mod keys_dialog;
pub mod label_bar;
pub mod leave_dialog;
pub mod link_picker;
pub mod menu;
pub mod name_dialog;
pub mod notice_bar;
pub mod open_dialog;
pub mod page_dialog;
pub mod pager;
pub mod progress_dialog;
pub mod project_view;
pub mod save_status;
pub mod schema_editor;
pub mod search_bar;
pub mod span_details;
pub mod span_list;
pub mod toolbar;
