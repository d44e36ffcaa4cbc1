//! The wasm-bindgen facade over the core (built only for wasm32).
