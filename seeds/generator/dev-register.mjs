// Dev runner for the generator without a build: Node 24 strips the types itself, and this hook maps the
// ESM `./x.js` specifiers of the TypeScript sources to `./x.ts` when only the .ts exists.
//   node --import ./seeds/generator/dev-register.mjs seeds/generator/cli.ts --out /tmp/province
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { URL, fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js') && context.parentURL) {
      const asTs = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
      const asJs = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(asJs)) && existsSync(fileURLToPath(asTs))) {
        return nextResolve(asTs.href, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
