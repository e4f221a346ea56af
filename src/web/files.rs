//! Reading files the user opened or dropped.

use crate::model::intake::{self, IntakeError, MAX_ARTICLE_BYTES};

/// A file's name and decoded article text, or why it is not an article.
pub async fn read_article(file: web_sys::File) -> (String, Result<String, IntakeError>) {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_ARTICLE_BYTES {
        return (name, Err(IntakeError::TooLarge { bytes: size }));
    }
    let blob = gloo::file::Blob::from(file);
    let result = match gloo::file::futures::read_as_bytes(&blob).await {
        Ok(bytes) => intake::decode_file(&name, &bytes),
        Err(_) => Err(IntakeError::Binary),
    };
    (name, result)
}
