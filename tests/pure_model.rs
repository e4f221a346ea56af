//! The model and the reducer must not know about the browser or the UI: for the core and
//! the formats that is a fact of the build (their dependency graphs), for the app's
//! reducer a fact of its sources.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::Command;

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

/// The normal (not dev, not build) dependencies of each workspace package, by name, from
/// `cargo metadata`'s resolved graph for wasm32.
fn dependency_graph() -> HashMap<String, Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO"))
        // The graph as built for the browser (where a web crate would matter), which also
        // needs no crate for other platforms to be downloaded (the server's graph has some).
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", "wasm32-unknown-unknown"])
        .current_dir(root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    let name_of = |id: &str| {
        let package = metadata["packages"].as_array().unwrap().iter();
        let found = package.clone().find(|package| package["id"] == id);
        found.map(|package| package["name"].as_str().unwrap().to_owned())
    };
    let mut graph = HashMap::new();
    for node in metadata["resolve"]["nodes"].as_array().unwrap() {
        let deps = (node["deps"].as_array().unwrap().iter())
            .filter(|dep| {
                (dep["dep_kinds"].as_array().unwrap().iter()).any(|kind| kind["kind"].is_null())
            })
            .filter_map(|dep| name_of(dep["pkg"].as_str().unwrap()))
            .collect();
        graph.insert(name_of(node["id"].as_str().unwrap()).unwrap(), deps);
    }
    graph
}

/// Every package `package` builds on, itself included.
fn closure(graph: &HashMap<String, Vec<String>>, package: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut next = vec![package.to_owned()];
    while let Some(package) = next.pop() {
        if seen.insert(package.clone()) {
            next.extend(graph.get(&package).into_iter().flatten().cloned());
        }
    }
    seen
}

const WEB: [&str; 6] = ["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo", "idb"];

#[test]
fn the_core_builds_on_no_web_crate_and_the_app_does_not_link_the_formats() {
    let graph = dependency_graph();
    let core = closure(&graph, "annotator-core");
    for web in WEB {
        assert!(!core.contains(web), "annotator-core builds on {web}");
    }
    let formats = closure(&graph, "annotator-formats");
    for web in WEB {
        assert!(!formats.contains(web), "annotator-formats builds on {web}");
    }
    let app = closure(&graph, "annotator");
    assert!(app.contains("annotator-core"));
    assert!(
        !app.contains("annotator-formats"),
        "the app links the formats: they belong in the worker"
    );
    let worker = closure(&graph, "annotator-worker");
    assert!(worker.contains("annotator-formats") && !worker.contains("yew"));
    // The team server checks records with the same core, and links nothing of the app's.
    let server = closure(&graph, "annotator-server");
    assert!(server.contains("annotator-core") && !server.contains("annotator"));
}

#[test]
fn the_keymap_uses_no_browser_or_ui_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = fs::read_to_string(root.join("src/keymap.rs")).expect("readable file");
    for word in ["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"] {
        let used = source
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|token| token == word);
        assert!(!used, "keymap.rs mentions {word}");
    }
}

#[test]
fn the_app_core_is_plain_rust_tested_natively() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut core: Vec<_> = ["app/save_queue.rs", "app/state.rs", "app/effects.rs"]
        .iter()
        .map(|file| root.join("src").join(file))
        .collect();
    rust_files(&root.join("src/app/update"), &mut core);
    assert!(core.len() > 6);
    for file in core {
        let source = fs::read_to_string(&file).expect("readable file");
        let file = file.display();
        for word in [
            "yew",
            "web_sys",
            "gloo",
            "js_sys",
            "wasm_bindgen",
            "spawn_local",
        ] {
            let used = source
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|token| token == word);
            assert!(!used, "{file} mentions {word}");
        }
    }
}

#[test]
fn components_take_plain_data_and_import_nothing_from_the_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/components"), &mut files);
    rust_files(&root.join("src/web"), &mut files);
    for file in files {
        let source = fs::read_to_string(&file).expect("readable file");
        assert!(
            !source.contains("crate::app"),
            "{} uses crate::app",
            file.display()
        );
    }
}

/// The modules of `src/app` each file names (`super::x`, `crate::app::x`).
fn app_imports(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for prefix in ["super::", "crate::app::"] {
        for (at, _) in source.match_indices(prefix) {
            let rest = &source[at + prefix.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn the_app_modules_form_no_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    // A module of `src/app`: a file there, or a folder (whose files are one module here).
    let module_of = |path: &Path| match path.parent() {
        Some(parent) if parent != root => {
            parent.file_name().unwrap().to_string_lossy().into_owned()
        }
        _ => path.file_stem().unwrap().to_string_lossy().into_owned(),
    };
    let mut modules: Vec<String> = files.iter().map(|path| module_of(path)).collect();
    modules.sort();
    modules.dedup();
    // Edges between the submodules (the root `mod.rs` wires them and is named by none).
    // Inside a folder, `super::` names the folder's own module: only `crate::app::` counts.
    let mut edges: Vec<(String, Vec<String>)> = Vec::new();
    for path in files.iter().filter(|path| module_of(path) != "mod") {
        let source = fs::read_to_string(path).expect("readable file");
        let nested = path.parent() != Some(root.as_path()) && path.file_stem().unwrap() != "mod";
        let source = match nested {
            true => source.replace("super::", "nested::"),
            false => source,
        };
        let module = module_of(path);
        let used: Vec<String> = app_imports(&source)
            .into_iter()
            .filter(|name| modules.contains(name) && *name != module)
            .collect();
        match edges.iter_mut().find(|(known, _)| *known == module) {
            Some((_, known)) => known.extend(used),
            None => edges.push((module, used)),
        }
    }
    for (module, used) in &edges {
        assert!(
            !used.iter().any(|name| name == "mod"),
            "{module} imports the root"
        );
    }
    // Kahn's algorithm: every module can be ordered after what it uses.
    let mut left = edges.clone();
    let mut ordered: Vec<String> = Vec::new();
    while !left.is_empty() {
        let ready: Vec<String> = left
            .iter()
            .filter(|(_, used)| used.iter().all(|name| ordered.contains(name)))
            .map(|(module, _)| module.clone())
            .collect();
        assert!(
            !ready.is_empty(),
            "the app modules form a cycle among {left:?}"
        );
        left.retain(|(module, _)| !ready.contains(module));
        ordered.extend(ready);
    }
}
