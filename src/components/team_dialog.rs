//! Work ▸ Team…: the team server. Log in (or take an invitation from its link), see the
//! projects the account is a member of with its roles there, and open one: its articles
//! assigned to the account come down into a project of this browser, which syncs as it
//! saves.

use super::fields::{input_value, use_focus, use_modal};
use crate::team::{Account, Invitation, Reach};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TeamDialogProps {
    pub reach: Reach,
    pub account: Option<Rc<Account>>,
    /// An invitation from the page's address, once read.
    pub invitation: Option<Invitation>,
    /// What the last attempt said (a refused login).
    pub said: Option<String>,
    /// Log in with a username and password.
    pub on_login: Callback<(String, String)>,
    /// Take the invitation (as the account logged in, or as a new account: these).
    pub on_accept: Callback<(String, String)>,
    pub on_logout: Callback<()>,
    /// Open a team project (its id on the server).
    pub on_open: Callback<i64>,
    pub on_close: Callback<()>,
}

/// A username and password form that sends both.
fn credentials(
    username: &NodeRef,
    password: &NodeRef,
    on: &Callback<(String, String)>,
) -> Callback<SubmitEvent> {
    let (username, password, on) = (username.clone(), password.clone(), on.clone());
    Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        on.emit((input_value(&username), input_value(&password)));
    })
}

#[component]
pub fn TeamDialog(props: &TeamDialogProps) -> Html {
    let modal = use_modal();
    let (username, password) = (use_node_ref(), use_node_ref());
    use_focus(username.clone());
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_close.emit(());
        }
    });
    let said =
        (props.said.clone()).map(|said| html! { <p class="aa-error" role="alert">{said}</p> });
    let fields = |new: bool| {
        html! {
            <>
                <label for="aa-team-user">{"Username"}</label>
                <input id="aa-team-user" ref={username.clone()} class="aa-input" type="text"
                    autocomplete="username" maxlength="100" required=true />
                <label for="aa-team-password">{"Password"}</label>
                <input id="aa-team-password" ref={password.clone()} class="aa-input" type="password"
                    autocomplete={if new { "new-password" } else { "current-password" }} required=true />
            </>
        }
    };
    let invitation = props.invitation.as_ref().map(|invitation| {
        let what = format!(
            "You are invited to “{}” as {}.",
            invitation.project_name, invitation.role
        );
        match &props.account {
            Some(_) => html! {
                <section aria-labelledby="aa-invited">
                    <p id="aa-invited">{what}</p>
                    <button type="button" class="aa-button"
                        onclick={props.on_accept.reform(|_: MouseEvent| (String::new(), String::new()))}>
                        {format!("Join “{}”", invitation.project_name)}
                    </button>
                </section>
            },
            None => html! {
                <form aria-labelledby="aa-invited"
                    onsubmit={credentials(&username, &password, &props.on_accept)}>
                    <p id="aa-invited">{what}{" Choose a username and a password for your account."}</p>
                    {fields(true)}
                    <div class="aa-dialog-actions">
                        <button type="submit" class="aa-button">{"Create account and join"}</button>
                    </div>
                </form>
            },
        }
    });
    let body = match (&props.account, props.reach) {
        (None, Reach::NoServer) => html! {
            <p>{"No team server answers here: this copy of the app works on its own and keeps \
                everything in this browser. A team runs annotator-server (see the README, “Team \
                server”) and opens the app from its address."}</p>
        },
        (None, Reach::Offline) => html! {
            <p>{"The team server cannot be reached. Your work is kept in this browser; it is \
                sent once the server answers again."}</p>
        },
        (None, _) if props.invitation.is_some() => html! {},
        (None, _) => html! {
            <form aria-label="Log in" onsubmit={credentials(&username, &password, &props.on_login)}>
                {fields(false)}
                <div class="aa-dialog-actions">
                    <button type="submit" class="aa-button">{"Log in"}</button>
                </div>
            </form>
        },
        (Some(account), _) => {
            let projects = account.projects.iter().map(|project| {
                let roles = project.roles.join(", ");
                let open = project.roles.iter().any(|role| role == "annotator").then(|| {
                    let id = project.id;
                    html! {
                        <button type="button" class="aa-button"
                            aria-label={format!("Open “{}”", project.name)}
                            onclick={props.on_open.reform(move |_: MouseEvent| id)}>{"Open"}</button>
                    }
                });
                html! {
                    <li class="aa-team-project">
                        <span>{&project.name}</span>
                        <span class="aa-hint">{format!(" ({roles}) ")}</span>
                        {open}
                    </li>
                }
            });
            html! {
                <>
                    <p>
                        {format!("Logged in as {}. ", account.user.username)}
                        <button type="button" class="aa-button"
                            onclick={props.on_logout.reform(|_: MouseEvent| ())}>{"Log out"}</button>
                    </p>
                    if account.projects.is_empty() {
                        <p>{"You are in no team project yet: ask a coordinator for an invitation."}</p>
                    } else {
                        <h3 id="aa-team-projects">{"Your team projects"}</h3>
                        <ul aria-labelledby="aa-team-projects">{for projects}</ul>
                        <p class="aa-hint">{"Opening a project brings the articles assigned to you \
                            into this browser. Every edit is saved here first, then sent to the \
                            server; the status bar says what is waiting."}</p>
                    }
                </>
            }
        }
    };
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-team-title" {onkeydown}>
                <h2 id="aa-team-title">{"Team"}</h2>
                {said}
                {for invitation}
                {body}
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button"
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
