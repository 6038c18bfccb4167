declare module '*/eslint.config.js' {
  export const MODULE_LAYERS: string[];
  export const TABLELESS_MODULES: string[];
}
