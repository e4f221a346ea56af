//! The worker: reads and writes every format but the native one, off the main thread. Built
//! by Trunk as a second module (`data-type="worker"` in index.html) that the app starts only
//! when it first needs it (`web::worker`); cancelling a long job terminates it.
//!
//! It only carries letters: each message is a `Job` for the `Desk`, answered with the job's
//! number.

#[allow(dead_code)] // the app's half (`is_ready`) is not the worker's
mod letters;

use annotator_core::jobs::{Answer, Job, Letter};
use annotator_formats::jobs::Desk;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let desk = RefCell::new(Desk::default());
    let post = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let (id, (answer, bytes)) = match letters::from_message::<Job>(&event.data()) {
            Ok(letter) => (letter.id, desk.borrow_mut().work(letter.body, letter.bytes)),
            Err(problem) => (0, (Answer::Failed(problem), Vec::new())),
        };
        let (message, transfer) = letters::to_message(Letter {
            id,
            body: answer,
            bytes,
        });
        let _ = post.post_message_with_transfer(&message, &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&letters::ready());
    // A job that comes meanwhile waits for this, which costs little: compiling the code it
    // runs is most of it, and the job would have to do that itself.
    annotator_formats::jobs::warm_up();
}
