//! The `agora` command: serve (the default), migrate, or fill an empty database with a demo.

use agora::config::Config;
use agora::startup::{Application, open_database};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "agora",
    version,
    about = "Agora: where municipalities and their partners work together"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Fill an empty database with a demonstration network and print how to sign in.
    Demo,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse();
    let config = Config::from_env()?;
    agora::telemetry::init(&config.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            open_database(&config).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::Demo => {
            let state = agora::startup::state_for_cli(config.clone()).await?;
            let report = agora::demo::run(&state).await?;
            println!("{}", report.instructions(config.public_base()));
            Ok(())
        }
        Command::Serve => {
            tracing::info!(config = ?config, "starting");
            let app = Application::build(config.clone()).await?;
            println!("Agora is running at {}", config.public_base());
            if let Some(link) = &app.setup_link {
                println!();
                println!(
                    "First start: open this one-time link to create the network operator and its administrator:"
                );
                println!("  {link}");
                println!();
            }
            app.run_until_stopped().await?;
            Ok(())
        }
    }
}
