//! The name the user's work is signed with: asked once, in a strip above the article
//! (`NamePrompt`, which never blocks the work), and changed in Settings ▸ Your name…
//! (`NameDialog`). Every article the user changes is signed with it (`document.annotator`
//! in the native format, and the formats that have a place for it).

use super::fields::{input_value, use_focus, use_initial_value, use_modal};
use yew::prelude::*;

/// What the name signs, as both forms say it.
const SIGNS: &str = "Your name signs each article you change, in every export, so a \
    comparison of annotators knows whose work it is.";

/// The form's submit, as the name typed in `field`.
fn submitted(field: &NodeRef, on_save: &Callback<String>) -> Callback<SubmitEvent> {
    let (field, on_save) = (field.clone(), on_save.clone());
    Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        on_save.emit(input_value(&field));
    })
}

#[derive(Properties, PartialEq)]
pub struct NamePromptProps {
    /// The name given (""), or none: "Not now", which is not asked again.
    pub on_save: Callback<String>,
}

/// Asks for the user's name once, above the article.
#[component]
pub fn NamePrompt(props: &NamePromptProps) -> Html {
    let field = use_node_ref();
    html! {
        <form class="aa-sign" aria-label="Your name" onsubmit={submitted(&field, &props.on_save)}>
            <label for="aa-sign-name">{"Who is annotating? "}<span class="aa-hint">{SIGNS}</span></label>
            <span class="aa-sign-row">
                <input id="aa-sign-name" ref={field} class="aa-input" type="text" autocomplete="name"
                    maxlength="100" dir="auto" />
                <button type="submit" class="aa-button">{"Sign my work"}</button>
                <button type="button" class="aa-button"
                    onclick={props.on_save.reform(|_: MouseEvent| String::new())}>{"Not now"}</button>
            </span>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct NameDialogProps {
    /// The name the work is signed with now ("" for none).
    pub name: String,
    /// The fact-checking organisation that publishes the reviews ("" for none).
    pub publisher: String,
    pub on_save: Callback<String>,
    pub on_publisher: Callback<String>,
    pub on_close: Callback<()>,
}

/// Settings ▸ Your name…
#[component]
pub fn NameDialog(props: &NameDialogProps) -> Html {
    let modal = use_modal();
    let field = use_initial_value(props.name.clone());
    let publisher = use_initial_value(props.publisher.clone());
    use_focus(field.clone());
    let onsubmit = {
        let (publisher, on_publisher) = (publisher.clone(), props.on_publisher.clone());
        let save_name = submitted(&field, &props.on_save);
        Callback::from(move |event: SubmitEvent| {
            on_publisher.emit(input_value(&publisher));
            save_name.emit(event);
        })
    };
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_close.emit(());
        }
    });
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-name-title" {onkeydown}>
                <h2 id="aa-name-title">{"Your name"}</h2>
                <form {onsubmit}>
                    <p class="aa-hint">{SIGNS}{" Articles signed already keep their name. Leave it \
                        empty to sign nothing."}</p>
                    <label for="aa-name-field">{"Name"}</label>
                    <input id="aa-name-field" ref={field} class="aa-input" type="text" autocomplete="name"
                        maxlength="100" dir="auto" />
                    <label for="aa-publisher-field">{"Fact-checking organisation"}</label>
                    <p class="aa-hint" id="aa-publisher-hint">{"Publishes your verdicts: the author of \
                        each ClaimReview exported. Leave it empty to fill it in later."}</p>
                    <input id="aa-publisher-field" ref={publisher} class="aa-input" type="text"
                        autocomplete="organization" maxlength="200" dir="auto"
                        aria-describedby="aa-publisher-hint" />
                    <div class="aa-dialog-actions">
                        <button type="button" class="aa-button"
                            onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                        <button type="submit" class="aa-button">{"Save"}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
