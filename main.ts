// The cdktf CLI's entry point (`cdktf synth`, `cdktf deploy`): settings in, two stacks out.
// `npm run synth` builds the same stacks through tools/synth and also writes the HCL.
import { App } from "cdktf";
import { readContext } from "./config/context";
import { SettingsError } from "./config/errors";
import { loadSettings } from "./config/settings";
import { buildStacks } from "./stacks/build";

try {
  // Settings first: a bad value must fail before App creates any output folder.
  const settings = loadSettings(readContext());
  const app = new App();
  buildStacks(app, settings);
  app.synth();
} catch (e) {
  if (!(e instanceof SettingsError)) throw e;
  console.error(`error: ${e.message}`);
  process.exit(1);
}
