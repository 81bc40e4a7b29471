/** See addDeclarationExtensions.mjs: rewrites the declaration files under `folder`, returns how many imports changed. */
export declare function addDeclarationExtensions(folder: string): number;
