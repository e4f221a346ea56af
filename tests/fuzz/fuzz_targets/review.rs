// Shared by the targets (included, not a module): reviews every draft against the sample.

fn annotator_fuzz_review(drafts: &[annotator::model::formats::draft::Draft]) {
    let open = annotator::state::Session::sample();
    let now = annotator::model::span::Timestamp("2026-11-24T00:00:00.000Z".to_owned());
    for draft in drafts.iter().take(4) {
        let _ = annotator_formats::import::review(draft, open.work(), &now);
    }
}
