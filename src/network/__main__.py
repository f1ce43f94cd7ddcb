from network.cli.main import main

main()
