//! The `talos-planner` command (build with `--features native`).

fn main() -> std::process::ExitCode {
    talos_planner::native::cli::main()
}
