fn main() {
    console_error_panic_hook::set_once();
    // The app puts the reader back where they were, by text (see `selection::view_anchor`);
    // the browser's own restore of the old pixel position would move them elsewhere.
    if let Ok(history) = gloo::utils::window().history() {
        let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    yew::Renderer::<annotator::app::App>::new().render();
    annotator::web::offline::keep_app();
}
