// npm run simulate:whatsapp -- --from +15125550100 "my roof is leaking"
// Signs a WhatsApp Cloud API webhook exactly as Meta does (the app secret from .dev.vars), posts
// it to the local Worker (--url, default http://localhost:8787) for the demo workspace's number
// (--to another phone_number_id), and prints the replies from the outbox.
import { main } from "./lib/toolchain.mjs";
import { simulate, simulatorOptions, whatsappRequest } from "./lib/simulate.mjs";

main(async () => {
  const options = simulatorOptions('npm run simulate:whatsapp -- --from +15125550100 "my roof is leaking"');
  await simulate("WhatsApp", options, whatsappRequest(options));
});
