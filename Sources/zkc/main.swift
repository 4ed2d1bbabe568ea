import ZKCCommands

await ZKC.main()
