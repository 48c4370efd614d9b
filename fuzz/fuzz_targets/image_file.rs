//! Arbitrary bytes -> `frame::load_image` (the limited image-file loader), then a read
//! of whatever it decodes.
#![no_main]
use ecc200::frame::{load_image, MAX_FRAME_DIM, MAX_FRAME_PIXELS};
use ecc200::read::{read, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(img) = load_image(data) {
        assert!(img.width <= MAX_FRAME_DIM && img.height <= MAX_FRAME_DIM);
        assert!(img.width * img.height <= MAX_FRAME_PIXELS);
        assert_eq!(img.data.len(), img.width * img.height);
        if img.width * img.height <= 1 << 18 {
            if let Ok(f) = img.as_frame() {
                let _ = read(&f, &ReadOptions::default());
            }
        }
    }
});
