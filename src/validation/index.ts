/**
 * The one rule set: the constructs run it on what they emit (node.addValidation) and the
 * `validate` CLI runs it on YAML files.
 */
export * from './finding';
export { RULES, type RuleInfo } from './rule';
export { validateDocument, validateDocuments, validateFileDocument, type ValidateOptions } from './validate';
export { SUPPRESSION_PREFIX } from './suppression';
