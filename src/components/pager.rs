//! A long list shows a window of rows at a time (the span list, the project's articles):
//! where the window starts, and the Earlier / Later buttons that move it.

use yew::prelude::*;

/// The most rows shown at once.
pub const ROWS: usize = 200;

/// The first row shown of a list of `len`: `start` as it was, unless the list's current
/// row just moved (`moved_to`, its position in the list) outside the rows shown; then the
/// rows put it near their top. The last rows are always a full window.
pub fn window_start(start: usize, len: usize, moved_to: Option<usize>) -> usize {
    let start = match moved_to {
        Some(at) if at < start || at >= start + ROWS => at.saturating_sub(ROWS / 4),
        _ => start,
    };
    start.min(len.saturating_sub(ROWS))
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The first row shown.
    pub begin: usize,
    pub len: usize,
    /// What the rows are, plural ("spans", "articles").
    pub noun: &'static str,
    /// Fired with the first row of the window asked for.
    pub on_page: Callback<usize>,
}

/// "Earlier spans · 201–400 of 1000 · Later spans"; nothing when every row shows.
#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let PagerProps {
        begin, len, noun, ..
    } = *props;
    if len <= ROWS {
        return Html::default();
    }
    let end = len.min(begin + ROWS);
    let earlier = props
        .on_page
        .reform(move |_: MouseEvent| begin.saturating_sub(ROWS));
    let later = props.on_page.reform(move |_: MouseEvent| begin + ROWS);
    html! {
        <div class="aa-window">
            <button type="button" class="aa-button aa-small" disabled={begin == 0}
                onclick={earlier}>{format!("Earlier {noun}")}</button>
            <span role="status">{format!("{}–{end} of {len}", begin + 1)}</span>
            <button type="button" class="aa-button aa-small" disabled={end == len}
                onclick={later}>{format!("Later {noun}")}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{window_start, ROWS};

    #[test]
    fn the_window_follows_a_row_that_leaves_it_and_stays_full() {
        assert_eq!(window_start(0, 50, None), 0);
        assert_eq!(window_start(0, 10_000, Some(150)), 0);
        assert_eq!(window_start(0, 10_000, Some(5_000)), 5_000 - ROWS / 4);
        assert_eq!(window_start(4_950, 10_000, Some(4_900)), 4_900 - ROWS / 4);
        assert_eq!(window_start(400, 10_000, None), 400);
        assert_eq!(window_start(9_990, 10_000, Some(9_999)), 10_000 - ROWS);
        assert_eq!(window_start(9_000, 300, None), 100);
    }
}
