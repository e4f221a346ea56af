//! Reading files the user opened or dropped.

use crate::model::formats::InFile;
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

/// The most a set of imported files may weigh, in bytes (a dataset of thousands of articles).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// Reads the files picked or dropped for an import, or says why not.
pub async fn read_import(files: Vec<web_sys::File>) -> Result<Vec<InFile>, String> {
    let total: f64 = files.iter().map(|file| file.size()).sum();
    if total as usize > MAX_IMPORT_BYTES {
        return Err(format!(
            "the files weigh {}, more than the {} an import may",
            intake::human_size(total as usize),
            intake::human_size(MAX_IMPORT_BYTES)
        ));
    }
    let mut read = Vec::new();
    for file in files {
        let name = file.name();
        let blob = gloo::file::Blob::from(file);
        let bytes = gloo::file::futures::read_as_bytes(&blob)
            .await
            .map_err(|_| format!("“{name}” could not be read"))?;
        read.push(InFile { name, bytes });
    }
    Ok(read)
}
