//! A long job's progress (an import or an export): the page waits, and says how far.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProgressDialogProps {
    pub title: String,
    pub done: usize,
    pub total: usize,
}

#[component]
pub fn ProgressDialog(props: &ProgressDialogProps) -> Html {
    html! {
        <div class="aa-backdrop">
            <div class="aa-dialog aa-busy" role="dialog" aria-modal="true" aria-labelledby="aa-busy-title"
                aria-busy="true">
                <h2 id="aa-busy-title">{&props.title}</h2>
                // A job of unknown length (reading a web page) shows a moving bar only.
                if props.total == 0 {
                    <progress></progress>
                } else {
                    <progress max={props.total.to_string()} value={props.done.to_string()}></progress>
                    <p role="status">{format!("{} of {}", props.done, props.total)}</p>
                }
            </div>
        </div>
    }
}
