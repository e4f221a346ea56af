//! The only code that touches the browser: selection, files, downloads, clipboard,
//! storage, the clock and id generation.

pub mod clipboard;
pub mod clock;
pub mod db;
pub mod download;
pub mod files;
pub mod highlight;
pub mod offline;
pub mod page;
pub mod selection;
pub mod server;
pub mod storage;
pub mod tabs;
pub mod worker;
