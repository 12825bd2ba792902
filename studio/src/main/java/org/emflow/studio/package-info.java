/** The studio: build, run and share workflows in the browser (see StudioCommand). */
package org.emflow.studio;
