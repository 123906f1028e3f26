use super::*;

#[test]
fn english_is_the_default() {
    assert_eq!(Lang::default(), Lang::En);
}
