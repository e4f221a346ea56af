//! The model and the reducer must not know about the browser or the UI.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn model_and_state_use_no_browser_or_ui_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/state.rs"), root.join("src/keymap.rs")];
    rust_files(&root.join("src/model"), &mut files);
    assert!(files.len() > 5);
    for file in files {
        let source = fs::read_to_string(&file).expect("readable file");
        for path in ["crate::web", "crate::app", "crate::components"] {
            assert!(!source.contains(path), "{} uses {path}", file.display());
        }
        for word in ["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"] {
            let used = source
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|token| token == word);
            assert!(!used, "{} mentions {word}", file.display());
        }
    }
}
