// Reads a Teams message (an Adaptive Card attachment) on standard input and prints what the Adaptive Cards library
// finds wrong with the card: its parse warnings and its validation events, as JSON. Exit code 0 either way; the test
// asserts on the list.
// The package's "main" (lib/) does not load under plain node; its UMD bundle does.
const AC = require("adaptivecards/dist/adaptivecards.js");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => (input += chunk));
process.stdin.on("end", () => {
  const message = JSON.parse(input);
  const problems = [];
  const attachments = message.attachments || [];
  if (message.type !== "message" || attachments.length !== 1
      || attachments[0].contentType !== "application/vnd.microsoft.card.adaptive") {
    problems.push("not a message with one Adaptive Card attachment");
  }
  const json = attachments.length ? attachments[0].content : {};
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${e.message}`);
  }
  const validation = card.validateProperties();
  for (const e of validation.validationEvents) {
    problems.push(`validation: ${e.message}`);
  }
  process.stdout.write(JSON.stringify({ version: card.version ? card.version.toString() : null, actions: card.getActionCount(), problems }));
});
