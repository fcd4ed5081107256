// Types of scripts/mirror-tests.mjs for test/lint/test-layout.test.ts.
export declare const MIRROR_ROOTS: Record<string, string>
export declare const EXEMPT: string[]
export declare function isExempt(testPath: string): boolean
export declare function inMirrorPlace(testPath: string, dirExists?: (repoRelativeDir: string) => boolean): boolean
