//! The shared test article builds as described (every format's tests rely on it).

mod common;

#[test]
fn the_rich_test_article_has_every_kind_of_annotation() {
    let session = common::rich_session();
    let annotations = &session.annotations;
    assert_eq!(annotations.len(), 7);
    assert_eq!(annotations.relations().len(), 3);
    assert!(annotations
        .spans()
        .iter()
        .any(|span| span.note.contains('\n')));
    assert_eq!(
        annotations
            .spans()
            .iter()
            .map(|span| span.attributes.len())
            .sum::<usize>(),
        3
    );
    assert!(annotations
        .spans()
        .iter()
        .any(|span| span.text.contains('\n')));
}
