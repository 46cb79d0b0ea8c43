/**
 * Built-in model price table and exact cost computation: {@link
 * dev.boxscore.model.pricing.PriceCatalog}.
 */
package dev.boxscore.model.pricing;
