// A resource route: the editor's example-output upload (POST); GET goes to the editor.
export { action, loader } from './sell_.prompts.$id_.assets.server';
