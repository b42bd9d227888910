//! Named fault points for crash tests. With `SKIFF_FAULT_POINT=<name>` in the environment, the
//! process reaching `point("<name>")` creates the file `$SKIFF_FAULT_MARK` (if set) and sleeps for
//! a minute, so a test can `kill -9` it at exactly that instant. Without the variable this is a
//! single env lookup.
pub(crate) fn point(name: &str) {
    let Some(want) = std::env::var_os("SKIFF_FAULT_POINT") else {
        return;
    };
    if want != name {
        return;
    }
    if let Some(mark) = std::env::var_os("SKIFF_FAULT_MARK") {
        let _ = std::fs::write(mark, name);
    }
    std::thread::sleep(std::time::Duration::from_secs(60));
}
