fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<annotator::app::App>::new().render();
}
