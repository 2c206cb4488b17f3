package model

// municipalityReadings are the readings of the municipalities of
// こおりやま広域圏 (the seed of every database), in hiragana and in
// romaji, so that a list of municipalities can be narrowed by typing
// こおり or kori as well as 郡山.
var municipalityReadings = map[string][2]string{
	"郡山市":  {"こおりやまし", "koriyama kooriyama"},
	"須賀川市": {"すかがわし", "sukagawa"},
	"二本松市": {"にほんまつし", "nihonmatsu"},
	"田村市":  {"たむらし", "tamura"},
	"本宮市":  {"もとみやし", "motomiya"},
	"大玉村":  {"おおたまむら", "otama ootama"},
	"鏡石町":  {"かがみいしまち", "kagamiishi"},
	"天栄村":  {"てんえいむら", "tenei"},
	"猪苗代町": {"いなわしろまち", "inawashiro"},
	"磐梯町":  {"ばんだいまち", "bandai"},
	"石川町":  {"いしかわまち", "ishikawa"},
	"玉川村":  {"たまかわむら", "tamakawa"},
	"平田村":  {"ひらたむら", "hirata"},
	"浅川町":  {"あさかわまち", "asakawa"},
	"古殿町":  {"ふるどのまち", "furudono"},
	"三春町":  {"みはるまち", "miharu"},
	"小野町":  {"おのまち", "ono"},
}

// MunicipalityReading is how the name of a municipality of the area is
// read, in hiragana and in romaji (variants separated by spaces); empty
// for a name it does not know.
func MunicipalityReading(name string) (kana, romaji string) {
	r := municipalityReadings[name]
	return r[0], r[1]
}
