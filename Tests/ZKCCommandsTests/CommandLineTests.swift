import Testing
import ZKCCommands

@Suite struct CommandLineTests {
    @Test func helpListsSubcommands() {
        let help = ZKC.helpMessage()
        #expect(help.contains("bench"))
        #expect(help.contains("Zero-knowledge ML compiler"))
    }
}
