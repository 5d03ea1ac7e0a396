from raingan.cli import main

main()
