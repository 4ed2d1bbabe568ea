import ZKCCommands

ZKC.main()
