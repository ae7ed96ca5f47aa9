/** Registered models as the translate-worker holds them: cards by id, loaded generators in a bounded LRU cache. */
package io.funit.worker.translate.models;
