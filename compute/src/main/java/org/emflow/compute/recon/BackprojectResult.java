package org.emflow.compute.recon;

import org.emflow.compute.image.Volume;

/**
 * The maps of a reconstruction: the full map from all images and the two gold-standard half maps
 * (images split by particle), plus how many particles and images went into each half.
 */
public record BackprojectResult(Volume full, Volume half1, Volume half2, int particles1, int particles2,
                                int images1, int images2) {
}
