"""The `envcoop` console command."""
